package dev.keystone.platform.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StorableTextValidatorTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Anvil",
        "",
        "Café crème",
        "שלום עולם", // right-to-left script is text, not a control
        "mark\u200Fed", // RIGHT-TO-LEFT MARK: a formatting character that displays honestly
        "rocket \uD83D\uDE80", // a well-formed surrogate pair
        "tab-free, 100% printable: <>&\"'\\"
      })
  void acceptsText(String text) {
    assertThat(StorableTextValidator.isStorable(text)).isTrue();
    assertThat(StorableTextValidator.firstProblem(text)).isEqualTo(-1);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "nul\u0000",
        "\u0001start",
        "new\nline",
        "tab\there",
        "del\u007F",
        "c1\u0085",
        "over\u202Eride",
        "iso\u2066late",
        "lone high \uD83D",
        "\uDE80 lone low",
        "reversed pair \uDE80\uD83D",
        "non\uFFFEcharacter"
      })
  void refusesWhatCannotBeStoredOrShownHonestly(String text) {
    assertThat(StorableTextValidator.isStorable(text)).isFalse();
    assertThat(StorableTextValidator.firstProblem(text)).isGreaterThanOrEqualTo(0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ab\u0000", "ab\uD800"})
  void pointsAtTheFirstBadCharacter(String text) {
    assertThat(StorableTextValidator.firstProblem(text)).isEqualTo(2);
  }
}
