package dev.keystone.devstack;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The whole stack on free ports in a temporary directory: every engine answers a real client. */
@TestMethodOrder(OrderAnnotation.class)
class DevStackTest {
  @TempDir static Path dataDir;
  static DevStack stack;

  @BeforeAll
  static void startStack() {
    stack = DevStack.builder().dataDir(dataDir).randomPorts().start();
  }

  @AfterAll
  static void closeStack() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void postgresAnswersAsTheKeystoneRole() throws SQLException {
    Endpoints endpoints = stack.endpoints();
    try (Connection db = connect(endpoints);
        Statement sql = db.createStatement();
        ResultSet rs = sql.executeQuery("select 1, current_user, current_database()")) {
      assertTrue(rs.next());
      assertEquals(1, rs.getInt(1));
      assertEquals("keystone", rs.getString(2));
      assertEquals("keystone", rs.getString(3));
    }
  }

  @Test
  @Order(1)
  void postgresRejectsAWrongPassword() {
    String url = stack.endpoints().jdbcUrl();
    SQLException refused =
        assertThrows(
            SQLException.class,
            () -> DriverManager.getConnection(url, "keystone", "wrong").close());
    assertTrue(
        refused.getMessage().contains("password authentication failed"), refused.getMessage());
  }

  @Test
  @Order(1)
  void pgStatStatementsIsQueryableWhenEnabled() throws SQLException {
    if (!stack.pgStatStatementsEnabled()) {
      return;
    }
    try (Connection db = connect(stack.endpoints());
        Statement sql = db.createStatement();
        ResultSet rs = sql.executeQuery("select count(*) from pg_stat_statements")) {
      assertTrue(rs.next());
    }
  }

  @Test
  @Order(1)
  void redisAnswersPing() throws IOException {
    assertEquals("+PONG", ping(stack.redis().port(), 2000));
  }

  @Test
  @Order(1)
  void kafkaCarriesOneRecordFromProducerToConsumer() throws Exception {
    String topic = "devstack-test-" + UUID.randomUUID();
    String bootstrap = stack.endpoints().kafkaBootstrap();
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, "order-1", "placed")).get();
    }
    Map<String, Object> consumerConfig =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ConsumerConfig.GROUP_ID_CONFIG, "devstack-test",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<String, String>> received = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return !received.isEmpty();
              });
    }
    assertEquals("order-1", received.get(0).key());
    assertEquals("placed", received.get(0).value());
  }

  @Test
  @Order(1)
  void smtpAcceptsMailThatTheReadApiReturns() throws Exception {
    Endpoints endpoints = stack.endpoints();
    String subject = "Order confirmation " + UUID.randomUUID();
    sendMail(endpoints.smtpPort(), "shop@keystone.dev", "alice@example.com", subject);
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest read =
        HttpRequest.newBuilder(
                URI.create(endpoints.mailApiUrl() + "/api/user/alice@example.com/messages/"))
            .build();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> http.send(read, HttpResponse.BodyHandlers.ofString()).body().contains(subject));
  }

  @Test
  @Order(2)
  void redisComesBackOnTheSamePortAfterAKill() throws IOException {
    ManagedService redis = stack.redis();
    long killed = redis.pid();
    redis.kill();
    assertFalse(redis.isRunning());
    assertFalse(OsProcesses.isLiving(killed));

    redis.start();
    assertEquals("+PONG", ping(redis.port(), 2000));
    assertNotEquals(killed, redis.pid());
  }

  @Test
  @Order(2)
  void pausedRedisHoldsConnectionsButDoesNotAnswer() throws IOException {
    ManagedService redis = stack.redis();
    redis.pause();
    try {
      assertThrows(SocketTimeoutException.class, () -> ping(redis.port(), 300));
    } finally {
      redis.resume();
    }
    assertEquals("+PONG", ping(redis.port(), 2000));
  }

  @Test
  @Order(2)
  void postgresKeepsItsDataAcrossAStopAndStart() throws SQLException {
    try (Connection db = connect(stack.endpoints());
        Statement sql = db.createStatement()) {
      sql.execute("create table survivor (id int primary key)");
      sql.execute("insert into survivor values (42)");
    }
    stack.postgres().stop();
    assertFalse(stack.postgres().isRunning());
    stack.postgres().start();
    try (Connection db = connect(stack.endpoints());
        Statement sql = db.createStatement();
        ResultSet rs = sql.executeQuery("select id from survivor")) {
      assertTrue(rs.next());
      assertEquals(42, rs.getInt(1));
    }
  }

  @Test
  @Order(2)
  void postgresRecoversFromAKillOfThePostmasterAndItsBackends() throws SQLException {
    ManagedService postgres = stack.postgres();
    ProcessHandle postmaster = ProcessHandle.of(postgres.pid()).orElseThrow();
    List<ProcessHandle> backends = postmaster.descendants().toList();
    assertFalse(backends.isEmpty());

    postgres.kill();
    assertFalse(OsProcesses.isLiving(postmaster.pid()));
    backends.forEach(
        backend ->
            assertFalse(OsProcesses.isLiving(backend.pid()), "left behind: " + backend.info()));

    postgres.start();
    try (Connection db = connect(stack.endpoints());
        Statement sql = db.createStatement();
        ResultSet rs = sql.executeQuery("select 1")) {
      assertTrue(rs.next());
    }
  }

  @Test
  @Order(2)
  void kafkaTakesRecordsAgainAfterAKill() throws Exception {
    ManagedService kafka = stack.kafka();
    long killed = kafka.pid();
    kafka.kill();
    assertFalse(kafka.isRunning());
    assertFalse(OsProcesses.isLiving(killed));

    kafka.start();
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.endpoints().kafkaBootstrap()),
            new StringSerializer(),
            new StringSerializer())) {
      producer.send(new ProducerRecord<>("devstack-after-kill", "k", "v")).get();
    }
  }

  @Test
  @Order(3)
  void closeLeavesNoProcessBehind() {
    List<ProcessHandle> processes = new ArrayList<>();
    for (ManagedService service :
        List.of(stack.postgres(), stack.redis(), stack.kafka(), stack.smtp())) {
      assertTrue(service.isRunning(), service.name());
      ProcessHandle handle = ProcessHandle.of(service.pid()).orElseThrow();
      processes.add(handle);
      handle.descendants().forEach(processes::add);
    }
    stack.close();
    stack.close(); // idempotent
    for (ProcessHandle process : processes) {
      assertFalse(OsProcesses.isLiving(process.pid()), "still alive: " + process.info());
    }
  }

  private static Connection connect(Endpoints endpoints) throws SQLException {
    return DriverManager.getConnection(
        endpoints.jdbcUrl(), endpoints.dbUser(), endpoints.dbPassword());
  }

  private static String ping(int port, int timeoutMillis) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("localhost", port), 1000);
      socket.setSoTimeout(timeoutMillis);
      socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      return new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
          .readLine();
    }
  }

  /** A plain SMTP conversation, as the application's mail sender would have it. */
  private static void sendMail(int port, String from, String to, String subject)
      throws IOException {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(5000);
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      OutputStream out = socket.getOutputStream();
      expect(in, "220");
      command(out, in, "EHLO devstack-test", "250");
      command(out, in, "MAIL FROM:<" + from + ">", "250");
      command(out, in, "RCPT TO:<" + to + ">", "250");
      command(out, in, "DATA", "354");
      String message =
          "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\n\r\nThank you.\r\n.";
      command(out, in, message, "250");
      command(out, in, "QUIT", "221");
    }
  }

  private static void command(OutputStream out, BufferedReader in, String line, String expected)
      throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    expect(in, expected);
  }

  /** Reads a (possibly multi-line, "250-...") reply and checks its code. */
  private static void expect(BufferedReader in, String code) throws IOException {
    String line;
    do {
      line = in.readLine();
      assertTrue(line != null && line.startsWith(code), "expected " + code + " but got " + line);
    } while (line.length() > 3 && line.charAt(3) == '-');
  }
}
