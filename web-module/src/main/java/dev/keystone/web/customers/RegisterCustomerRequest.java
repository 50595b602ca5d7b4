package dev.keystone.web.customers;

import dev.keystone.platform.validation.StorableText;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /api/customers}. */
@Schema(
    name = "RegisterCustomer",
    example = "{\"name\":\"Ada Lovelace\",\"email\":\"ada@example.org\"}")
public record RegisterCustomerRequest(
    @NotBlank @Size(max = 200) @StorableText String name,
    @NotBlank @Email(regexp = ".+@.+") @Size(max = 254) @StorableText String email) {}
