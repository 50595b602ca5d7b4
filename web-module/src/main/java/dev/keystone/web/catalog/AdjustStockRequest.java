package dev.keystone.web.catalog;

import dev.keystone.platform.validation.StorableText;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /api/products/{id}/stock-adjustments}: by how much, and why. */
@Schema(name = "StockAdjustment", example = "{\"delta\":25,\"reason\":\"delivery 2026-11-29\"}")
public record AdjustStockRequest(
    @NotNull @NonZero @Min(-1_000_000_000) @Max(1_000_000_000) Integer delta,
    @NotBlank @Size(max = 200) @StorableText String reason) {}
