package dev.meshshop.domains.checkout.accounts;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A customer's account in checkout's operational system: who they are, where they live, since when they are a
 * customer.
 */
public record CustomerAccount(
        String id, String name, String email, String phone, Address address, Instant registeredAt) {

    /** Where a customer lives. */
    public record Address(String street, String postcode, String city) {}

    public CustomerAccount movedTo(Address to) {
        return new CustomerAccount(id, name, email, phone, to, registeredAt);
    }

    /** The account as its changes carry it, one entry per column of the account's table. */
    Map<String, Object> state() {
        var state = new LinkedHashMap<String, Object>();
        state.put("name", name);
        state.put("email", email);
        state.put("phone", phone);
        state.put("street", address.street());
        state.put("postcode", address.postcode());
        state.put("city", address.city());
        state.put("registered_at", registeredAt.toString());
        return state;
    }
}
