package dev.keystone.web.catalog;

import dev.keystone.domain.catalog.NewProduct;
import dev.keystone.platform.validation.StorableText;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/** The body of {@code POST /api/products}. */
public record CreateProductRequest(
    @NotBlank
        @Size(max = 64)
        @Pattern(regexp = "[A-Za-z0-9._-]+", message = "letters, digits, '.', '_' or '-'")
        String sku,
    @NotBlank @Size(max = 200) @StorableText String name,
    @NotNull @DecimalMin("0.00") @DecimalMax("1000000000") @Digits(integer = 10, fraction = 4)
        BigDecimal price,
    @NotNull @Pattern(regexp = "[A-Z]{3}", message = "an ISO 4217 code such as EUR")
        String currency,
    @NotNull @PositiveOrZero @Max(1_000_000_000) Integer stock,
    @Size(max = 100) @StorableText String category) {

  NewProduct toCommand() {
    return new NewProduct(sku, name, price, currency, stock, category);
  }
}
