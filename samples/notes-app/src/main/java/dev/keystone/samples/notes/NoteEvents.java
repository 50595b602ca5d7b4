package dev.keystone.samples.notes;

import dev.keystone.outbox.OutboxEvent;

/**
 * The facts a note announces, published by the outbox library on topic {@code keystone.note}, keyed
 * by the note's id. The type follows {@code dev.keystone.<aggregate>.<event>}, the form the
 * consumer kit reads (docs/libraries.md).
 */
public sealed interface NoteEvents extends OutboxEvent permits NoteCreated, NoteEdited {

  /** The aggregate type: the topic's suffix and the CloudEvents source's last segment. */
  String AGGREGATE_TYPE = "note";

  long noteId();

  @Override
  default String aggregateType() {
    return AGGREGATE_TYPE;
  }

  @Override
  default String aggregateId() {
    return Long.toString(noteId());
  }
}
