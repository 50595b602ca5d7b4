package dev.keystone.web.gateway.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keystone.platform.problem.PayloadTooLarge;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

class BodyLimitFilterTest {

  @Test
  void aBodyOverTheCapFailsWhileItIsRead() {
    var body = new BodyLimitFilter.Limited(new ByteArrayInputStream(new byte[101]), 100);
    assertThatThrownBy(body::readAllBytes).isInstanceOf(PayloadTooLarge.class);
  }

  @Test
  void theRestOfARefusedRequestsBodyIsReadAndDiscarded() throws Exception {
    var source = new ByteArrayInputStream(new byte[50_000]);
    var body = new BodyLimitFilter.Limited(source, 100_000);
    assertThat(body.read(new byte[10])).isEqualTo(10); // what a failing decoder read

    body.discardRest();

    assertThat(source.available()).as("bytes left unread").isZero();
  }

  @Test
  void discardingStopsAtTheCap() {
    var source = new ByteArrayInputStream(new byte[300_000]);
    var body = new BodyLimitFilter.Limited(source, 100_000);

    body.discardRest();

    assertThat(source.available()).as("left for the server to close on").isPositive();
    assertThat(300_000 - source.available()).isLessThanOrEqualTo(100_000 + 8192);
  }
}
