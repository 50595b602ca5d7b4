package dev.keystone.web.catalog;

import dev.keystone.platform.validation.StorableText;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

/**
 * The query of {@code GET /api/products}. Numbers arrive as text and are checked by pattern, so
 * {@code page=abc} is a 400 with the field named (JAX-RS would answer a failed conversion of a
 * query parameter with a 404).
 */
public class ProductQuery {

  @QueryParam("category")
  @Size(max = 100)
  @StorableText
  String category;

  @QueryParam("page")
  @DefaultValue("0")
  @Pattern(regexp = "0|[1-9]\\d{0,5}", message = "must be a whole number from 0 to 999999")
  String page;

  @QueryParam("size")
  @DefaultValue("20")
  @Pattern(regexp = "[1-9]|[1-9]\\d|100", message = "must be a whole number from 1 to 100")
  String size;

  String category() {
    return category == null || category.isBlank() ? null : category;
  }

  int page() {
    return Integer.parseInt(page);
  }

  int size() {
    return Integer.parseInt(size);
  }
}
