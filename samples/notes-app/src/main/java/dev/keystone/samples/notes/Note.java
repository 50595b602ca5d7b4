package dev.keystone.samples.notes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A note: a short text and the version that every cache entry and event of it carries. The text is
 * never blank and at most {@link #MAX_LENGTH} characters; the table's CHECK says the same.
 */
@Entity
@Table(name = "note")
public class Note {

  static final int MAX_LENGTH = 500;

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, length = MAX_LENGTH)
  private String text;

  @Version private long version;

  protected Note() {
    // for JPA
  }

  Note(String text) {
    this.text = valid(text);
  }

  /** Replaces the text; the version moves on at the next flush. */
  void rewrite(String newText) {
    this.text = valid(newText);
  }

  NoteView view() {
    return new NoteView(id, text, version);
  }

  NoteCreated created() {
    return new NoteCreated(id, text, version);
  }

  NoteEdited edited() {
    return new NoteEdited(id, text, version);
  }

  private static String valid(String text) {
    if (text == null || text.isBlank() || text.length() > MAX_LENGTH) {
      throw new InvalidNote("text must be 1 to " + MAX_LENGTH + " characters, not blank");
    }
    return text;
  }
}
