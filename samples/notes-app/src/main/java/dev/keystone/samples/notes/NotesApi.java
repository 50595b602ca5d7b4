package dev.keystone.samples.notes;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The notes' HTTP API under the WAR's context root: {@code /notes/api/notes}. */
@ApplicationPath("/api")
public class NotesApi extends Application {}
