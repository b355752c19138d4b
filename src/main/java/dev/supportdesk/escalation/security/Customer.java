package dev.supportdesk.escalation.security;

/**
 * A customer logged in to the customer API: a Camunda user in group {@value Groups#CUSTOMERS} and in
 * exactly one group of type {@value Groups#TYPE_ORGANISATION}. Everything the API does on a
 * customer's behalf (reporter, organisation) comes from here, never from a request body.
 */
public record Customer(String id, String name, String email, String organisationId, String organisationName) {}
