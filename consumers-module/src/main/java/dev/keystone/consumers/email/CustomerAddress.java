package dev.keystone.consumers.email;

import jakarta.json.JsonObject;

/**
 * What the email consumer reads of a {@code CustomerRegistered} payload: the name and address it
 * writes to. Every other field is ignored (docs/events.md, the tolerant reader).
 */
record CustomerAddress(String name, String email) {

  static CustomerAddress of(JsonObject data) {
    return new CustomerAddress(data.getString("name"), data.getString("email"));
  }
}
