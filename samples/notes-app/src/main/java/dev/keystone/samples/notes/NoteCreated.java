package dev.keystone.samples.notes;

/** A note was written for the first time. */
public record NoteCreated(long noteId, String text, long version) implements NoteEvents {

  @Override
  public long aggregateVersion() {
    return version;
  }

  @Override
  public String eventType() {
    return "dev.keystone.note.created";
  }
}
