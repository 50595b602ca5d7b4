package dev.keystone.samples.notes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.Test;

class NoteTest {

  @Test
  void aNoteRefusesABlankOrTooLongText() {
    assertThatThrownBy(() -> new Note(null)).isInstanceOf(InvalidNote.class);
    assertThatThrownBy(() -> new Note("  ")).isInstanceOf(InvalidNote.class);
    assertThatThrownBy(() -> new Note("x".repeat(Note.MAX_LENGTH + 1)))
        .isInstanceOf(InvalidNote.class);
    var note = new Note("x".repeat(Note.MAX_LENGTH));
    assertThatThrownBy(() -> note.rewrite("")).isInstanceOf(InvalidNote.class);
    assertThatCode(() -> note.rewrite("milk")).doesNotThrowAnyException();
  }

  @Test
  void anEventNamesItsAggregateAndVersionAndCarriesOnlyItsValues() throws Exception {
    var event = new NoteEdited(42, "milk, eggs", 3);

    assertThat(event.aggregateType()).isEqualTo("note");
    assertThat(event.aggregateId()).isEqualTo("42");
    assertThat(event.aggregateVersion()).isEqualTo(3);
    assertThat(event.eventType()).isEqualTo("dev.keystone.note.edited");
    // the payload the outbox publishes as the CloudEvents `data`: the record's values only
    try (var json = JsonbBuilder.create()) {
      assertThat(json.toJson(event))
          .isEqualTo("{\"noteId\":42,\"text\":\"milk, eggs\",\"version\":3}");
    }
  }
}
