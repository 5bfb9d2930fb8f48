package dev.meshshop.platform.contracts.model;

import java.math.BigDecimal;

/** What consumers pay per unit of data. */
public record Price(String id, BigDecimal priceAmount, String priceCurrency, String priceUnit) {}
