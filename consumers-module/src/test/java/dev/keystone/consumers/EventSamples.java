package dev.keystone.consumers;

import java.util.UUID;

/**
 * The shop's events as JSON text, written from the published language (docs/asyncapi.yaml), never
 * from the producer's classes, in the three forms a consumer meets on the topics (docs/events.md).
 */
public final class EventSamples {

  /** How an event was written. */
  public enum Form {
    /** As the producer publishes it now: version 1, stated in {@code dataschema}. */
    CURRENT,
    /** As it was published before versions were stated: no {@code dataschema}. */
    PREVIOUS,
    /**
     * As a later, compatible producer may publish it: extra envelope attributes and payload fields,
     * nested ones too, that this consumer does not know.
     */
    UNKNOWN_FIELDS
  }

  private EventSamples() {}

  public static String productChanged(Form form, long productId, long version) {
    return envelope(
        form,
        "product",
        "changed",
        productId,
        version,
        """
        {%s"productId":%d,"sku":"SKU-%d","name":"Hammer","price":12.50,"currency":"EUR",
         "category":"tools","version":%d}"""
            .formatted(extra(form), productId, productId, version));
  }

  public static String stockAdjusted(Form form, long productId, long version) {
    return envelope(
        form,
        "product",
        "stock-adjusted",
        productId,
        version,
        """
        {%s"productId":%d,"delta":-2,"stock":3,"reason":"order 5 placed","version":%d}"""
            .formatted(extra(form), productId, version));
  }

  public static String productCreated(Form form, long productId) {
    return envelope(
        form,
        "product",
        "created",
        productId,
        1,
        """
        {%s"productId":%d,"sku":"SKU-%d","name":"Hammer","price":12.50,"currency":"EUR",
         "stock":5,"version":1}"""
            .formatted(extra(form), productId, productId));
  }

  public static String customerRegistered(Form form, long customerId) {
    return envelope(
        form,
        "customer",
        "registered",
        customerId,
        1,
        """
        {%s"customerId":%d,"name":"Ada Lovelace","email":"ada%d@example.org","version":1}"""
            .formatted(extra(form), customerId, customerId));
  }

  /** An order of 2 × product 7 at 12.50 and 1 × product 8 at 0.99, placed 2026-12-03. */
  public static String orderPlaced(Form form, long orderId) {
    var lineExtra = form == Form.UNKNOWN_FIELDS ? "\"discount\":{\"code\":\"X\"}," : "";
    return envelope(
        form,
        "order",
        "placed",
        orderId,
        1,
        """
        {%s"orderId":%d,"customerId":11,"lines":[
          {%s"productId":7,"sku":"SKU-7","quantity":2,"unitPrice":12.50},
          {"productId":8,"sku":"SKU-8","quantity":1,"unitPrice":0.99}],
         "total":25.99,"currency":"EUR","placedAt":"2026-12-03T23:59:59.5Z","version":1}"""
            .formatted(extra(form), orderId, lineExtra));
  }

  public static String orderCancelled(Form form, long orderId) {
    return envelope(
        form,
        "order",
        "cancelled",
        orderId,
        2,
        """
        {%s"orderId":%d,"customerId":11,"total":25.99,"currency":"EUR",
         "cancelledAt":"2026-12-04T08:00:00Z","version":2}"""
            .formatted(extra(form), orderId));
  }

  /** The payload fields a later producer might add, put first so no reader can rely on order. */
  private static String extra(Form form) {
    return form == Form.UNKNOWN_FIELDS
        ? "\"loyaltyPoints\":12,\"channel\":\"mobile\",\"gift\":{\"wrapped\":true,\"note\":[1]},"
        : "";
  }

  private static String envelope(
      Form form, String aggregate, String name, long id, long version, String data) {
    var type = "dev.keystone." + aggregate + "." + name;
    var schema =
        form == Form.PREVIOUS ? "" : ",\"dataschema\":\"urn:keystone:schema:" + type + ":v1\"";
    var unknown =
        form == Form.UNKNOWN_FIELDS
            ? ",\"region\":\"eu-west\",\"priority\":{\"level\":3},\"partitionkey\":\"" + id + "\""
            : "";
    return """
        {"specversion":"1.0","id":"%s","type":"%s","source":"/keystone/%s","subject":"%d",
         "time":"2026-12-04T10:00:00.123Z","datacontenttype":"application/json"%s,
         "aggregateversion":%d,"correlationid":"req-1"%s,"data":%s}"""
        .formatted(UUID.randomUUID(), type, aggregate, id, schema, version, unknown, data);
  }
}
