package dev.keystone.devstack;

import java.util.List;
import java.util.StringJoiner;

/**
 * The Kafka nodes of a stack: one (the default) or three, each broker and controller at once,
 * numbered from 1. Every node of a quorum is formatted with the same {@code clusterId}.
 *
 * @param ports the client port of node 1, 2, ...
 * @param controllerPorts the controller port of node 1, 2, ...
 * @param clusterId the shared cluster id ({@code null}: a single node formats with a fresh one)
 */
record KafkaQuorum(List<Integer> ports, List<Integer> controllerPorts, String clusterId) {

  KafkaQuorum {
    ports = List.copyOf(ports);
    controllerPorts = List.copyOf(controllerPorts);
    if (ports.isEmpty() || ports.size() != controllerPorts.size()) {
      throw new IllegalArgumentException("one client and one controller port per node");
    }
  }

  static KafkaQuorum single(int port, int controllerPort) {
    return new KafkaQuorum(List.of(port), List.of(controllerPort), null);
  }

  int size() {
    return ports.size();
  }

  int port(int nodeId) {
    return ports.get(nodeId - 1);
  }

  int controllerPort(int nodeId) {
    return controllerPorts.get(nodeId - 1);
  }

  /** A majority of the replicas: 1 of 1, 2 of 3. */
  int minInSyncReplicas() {
    return size() / 2 + 1;
  }

  /** {@code controller.quorum.voters}: {@code 1@localhost:19093,2@localhost:19095,...}. */
  String voters() {
    var voters = new StringJoiner(",");
    for (int id = 1; id <= size(); id++) {
      voters.add(id + "@localhost:" + controllerPort(id));
    }
    return voters.toString();
  }

  /** The clients' {@code bootstrap.servers}: every node. */
  String bootstrap() {
    var servers = new StringJoiner(",");
    ports.forEach(p -> servers.add("localhost:" + p));
    return servers.toString();
  }
}
