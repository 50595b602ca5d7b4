package dev.keystone.web.ops;

import dev.keystone.outbox.StuckRows;
import dev.keystone.platform.validation.StorableText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code POST /api/ops/outbox/stuck/{eventId}/skip}: why the row is given up on, kept
 * with the skip for whoever reads it later.
 */
@Schema(name = "SkipRequest", example = "{\"reason\":\"record larger than the topic accepts\"}")
public record SkipRequest(
    @NotBlank @Size(max = StuckRows.MAX_REASON_LENGTH) @StorableText String reason) {}
