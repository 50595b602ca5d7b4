package dev.keystone.samples.notes;

/** A note's text was replaced. */
public record NoteEdited(long noteId, String text, long version) implements NoteEvents {

  @Override
  public long aggregateVersion() {
    return version;
  }

  @Override
  public String eventType() {
    return "dev.keystone.note.edited";
  }
}
