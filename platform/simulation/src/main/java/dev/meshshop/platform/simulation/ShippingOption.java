package dev.meshshop.platform.simulation;

import java.math.BigDecimal;

/**
 * The shop's shipping options, with what they cost and promise and how reliably the carriers keep that promise
 * (the planted effect behind "do customers accept longer but more reliable shipping times?").
 *
 * @param wireName how the shop's systems name the option
 * @param fee what the customer pays for it, unless shipping is free
 * @param promisedDays delivery is promised within this many days of purchase
 * @param onTimeRate the share of deliveries that keep the promise in a normal week
 * @param blackWeekOnTimeRate the same during Black Week, when carriers are overloaded
 */
public enum ShippingOption {
    STANDARD("standard", new BigDecimal("4.95"), 3, 0.78, 0.45),
    EXPRESS("express", new BigDecimal("9.95"), 1, 0.85, 0.55),
    RELIABLE("reliable", new BigDecimal("3.95"), 5, 0.98, 0.93);

    private final String wireName;
    private final BigDecimal fee;
    private final int promisedDays;
    private final double onTimeRate;
    private final double blackWeekOnTimeRate;

    ShippingOption(String wireName, BigDecimal fee, int promisedDays, double onTimeRate, double blackWeekOnTimeRate) {
        this.wireName = wireName;
        this.fee = fee;
        this.promisedDays = promisedDays;
        this.onTimeRate = onTimeRate;
        this.blackWeekOnTimeRate = blackWeekOnTimeRate;
    }

    public String wireName() {
        return wireName;
    }

    public BigDecimal fee() {
        return fee;
    }

    public int promisedDays() {
        return promisedDays;
    }

    public double onTimeRate() {
        return onTimeRate;
    }

    public double blackWeekOnTimeRate() {
        return blackWeekOnTimeRate;
    }
}
