package dev.keystone.it.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keystone.it.support.PrometheusText.InvalidExposition;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The strict text-format parser against valid and invalid expositions (format 0.0.4). */
class PrometheusTextTest {

  @Test
  void readsHelpTypeLabelsAndValues() {
    var text =
        PrometheusText.parse(
            """
            # HELP keystone_consumer_duplicates_total Messages skipped as duplicates\\nper consumer \\\\ id
            # TYPE keystone_consumer_duplicates_total counter
            keystone_consumer_duplicates_total{consumer="audit",mp_scope="application",} 3.0
            keystone_consumer_duplicates_total{consumer="email",mp_scope="application"} 1
            # a comment
            # TYPE keystone_consumer_lag gauge
            keystone_consumer_lag{group="keystone-audit",partition="0",topic="keystone.order"} 7 1700000000000

            untyped_thing 1e3
            """);
    var family = text.families().get("keystone_consumer_duplicates_total");
    assertThat(family.type()).isEqualTo("counter");
    assertThat(family.help()).isEqualTo("Messages skipped as duplicates\nper consumer \\ id");
    assertThat(text.families().get("untyped_thing").type()).isEqualTo("untyped");
    assertThat(text.sum("keystone_consumer_duplicates_total", Map.of())).isEqualTo(4.0);
    assertThat(text.sum("keystone_consumer_duplicates_total", Map.of("consumer", "email")))
        .isEqualTo(1.0);
    assertThat(text.samples("keystone_consumer_lag", Map.of("partition", "0")))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.value()).isEqualTo(7.0);
              assertThat(s.labels())
                  .containsEntry("group", "keystone-audit")
                  .containsEntry("topic", "keystone.order");
            });
    assertThat(text.sum("untyped_thing", Map.of())).isEqualTo(1000.0);
    assertThat(text.sum("absent_total", Map.of())).isZero();
  }

  @Test
  void unescapesLabelValuesAndReadsSpecialValues() {
    var text =
        PrometheusText.parse(
            """
            # TYPE m gauge
            m{path="C:\\\\dir",quote="say \\"hi\\"",nl="a\\nb"} NaN
            m{path="x"} +Inf
            m{path="y"} -Inf
            m{path="z"} -1.5e-3
            """);
    var first = text.samples().get(0);
    assertThat(first.labels())
        .containsEntry("path", "C:\\dir")
        .containsEntry("quote", "say \"hi\"")
        .containsEntry("nl", "a\nb");
    assertThat(first.value()).isNaN();
    assertThat(text.samples().get(1).value()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(text.samples().get(2).value()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(text.samples().get(3).value()).isEqualTo(-0.0015);
  }

  @Test
  void groupsASummarysSuffixedSamplesWithItsFamily() {
    var text =
        PrometheusText.parse(
            """
            # TYPE t_seconds summary
            t_seconds{quantile="0.5"} 0.1
            t_seconds_count 2
            t_seconds_sum 0.3
            # TYPE h histogram
            h_bucket{le="+Inf"} 2
            h_count 2
            h_sum 1
            """);
    assertThat(text.families()).containsOnlyKeys("t_seconds", "h");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1metric 1", // a name may not start with a digit
        "metric-name 1", // nor hold a dash
        "metric", // no value
        "metric one", // not a number
        "metric 1 2 3", // something after the timestamp
        "metric 1 1.5", // a timestamp is an integer
        "metric{label=\"v\" 1", // labels not closed
        "metric{label=v} 1", // value not quoted
        "metric{label=\"v} 1", // value not terminated
        "metric{label=\"a\\tb\"} 1", // \t is no escape
        "metric{label=\"a\\\"} 1", // the closing quote escaped
        "metric{1abel=\"v\"} 1", // not a label name
        "metric{a=\"1\",a=\"2\"} 1", // one label twice
        "metric{a=\"1\"}1", // no blank before the value
        "metric{a=\"1\" b=\"2\"} 1", // no comma between labels
        "# TYPE metric meter", // an unknown type
        "# TYPE", // TYPE without a name
        "# HELP 9metric text", // HELP for an invalid name
        "# HELP metric say \\\"hi\\\"", // \" is no escape in HELP
      })
  void refusesAnInvalidLine(String line) {
    assertThatThrownBy(() -> PrometheusText.parse(line + "\n"))
        .isInstanceOf(InvalidExposition.class)
        .hasMessageStartingWith("line 1: ");
  }

  @Test
  void refusesWhatIsInvalidAcrossLines() {
    assertThatThrownBy(() -> PrometheusText.parse("a 1\nb 1\na{x=\"1\"} 2\n"))
        .isInstanceOf(InvalidExposition.class)
        .hasMessageContaining("line 3")
        .hasMessageContaining("not contiguous");
    assertThatThrownBy(() -> PrometheusText.parse("a{x=\"1\"} 1\na{x=\"1\"} 2\n"))
        .hasMessageContaining("a second sample of the same series");
    assertThatThrownBy(() -> PrometheusText.parse("a 1\n# TYPE a gauge\n"))
        .hasMessageContaining("TYPE after a's samples");
    assertThatThrownBy(() -> PrometheusText.parse("# HELP a x\n# HELP a y\na 1\n"))
        .hasMessageContaining("a second HELP");
  }
}
