package dev.keystone.samples.notes;

import dev.keystone.cache.Versioned;

/**
 * A note as reads return it and as the cache stores it. {@link Versioned} gives the cache its
 * version fence: a fill never overwrites a newer version of the note.
 */
public record NoteView(long id, String text, long version) implements Versioned {}
