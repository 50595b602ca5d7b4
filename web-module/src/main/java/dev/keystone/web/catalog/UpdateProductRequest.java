package dev.keystone.web.catalog;

import dev.keystone.domain.catalog.ProductChanges;
import dev.keystone.platform.validation.StorableText;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code PUT /api/products/{id}}: the full set of editable values. The sku is the
 * product's identity and stock moves only through stock adjustments, so neither is accepted here.
 */
@Schema(
    name = "UpdateProduct",
    example =
        "{\"name\":\"Anvil, heavy\",\"price\":109.90,\"currency\":\"EUR\",\"category\":\"tools\"}")
public record UpdateProductRequest(
    @NotBlank @Size(max = 200) @StorableText String name,
    @NotNull @DecimalMin("0.00") @DecimalMax("1000000000") @Digits(integer = 10, fraction = 4)
        BigDecimal price,
    @NotNull @Pattern(regexp = "[A-Z]{3}", message = "an ISO 4217 code such as EUR")
        String currency,
    @Size(max = 100) @StorableText String category) {

  ProductChanges toChanges() {
    return new ProductChanges(name, price, currency, category);
  }
}
