package dev.keystone.bench;

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

/**
 * The body of the write baseline: the same JSON and the same rules as {@code POST /api/products}
 * (docs/api.md), so the baseline binds and validates what a real write does.
 */
public record NewProductBody(
    @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+") String sku,
    @NotBlank @Size(max = 200) String name,
    @NotNull @DecimalMin("0.00") @DecimalMax("1000000000") @Digits(integer = 10, fraction = 4)
        BigDecimal price,
    @NotNull @Pattern(regexp = "[A-Z]{3}") String currency,
    @NotNull @PositiveOrZero @Max(1_000_000_000) Integer stock,
    @Size(max = 100) String category) {}
