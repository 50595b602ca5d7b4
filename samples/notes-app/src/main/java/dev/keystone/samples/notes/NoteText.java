package dev.keystone.samples.notes;

/** The body of a create or an edit: {@code {"text": "..."}}. */
public record NoteText(String text) {}
