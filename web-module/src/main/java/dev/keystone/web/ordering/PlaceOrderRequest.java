package dev.keystone.web.ordering;

import dev.keystone.domain.ordering.PlaceOrder;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code POST /api/orders}: who orders and how many of which products. No prices: the
 * service prices each line from the catalog. The customer id stays in the body so that the gateway
 * can check a customer orders only for themself.
 */
@Schema(
    name = "PlaceOrder",
    example = "{\"customerId\":1,\"lines\":[{\"productId\":7,\"quantity\":2}]}")
public record PlaceOrderRequest(
    @NotNull @Positive Long customerId,
    @NotNull @Size(min = 1, max = 100) List<@NotNull @Valid Line> lines) {

  /** One wanted product. */
  @Schema(name = "PlaceOrderLine")
  public record Line(
      @NotNull @Positive Long productId, @NotNull @Positive @Max(10_000) Integer quantity) {}

  PlaceOrder toCommand() {
    return new PlaceOrder(
        customerId,
        lines.stream().map(l -> new PlaceOrder.Item(l.productId(), l.quantity())).toList());
  }
}
