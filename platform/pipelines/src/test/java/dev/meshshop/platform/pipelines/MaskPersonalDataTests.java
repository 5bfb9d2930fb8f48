package dev.meshshop.platform.pipelines;

import static dev.meshshop.platform.pipelines.RawEvents.SALT;
import static dev.meshshop.platform.pipelines.RawEvents.event;
import static dev.meshshop.platform.pipelines.RawEvents.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;

class MaskPersonalDataTests {

    /** HMAC-SHA256 of "ann@example.com" and of "42" under {@link RawEvents#SALT}, computed with openssl. */
    static final String ANN_HASH = "6831afef8260b1122f12b70ccad96656b8933e94c9364215d972da55645e40b8";

    static final String FORTY_TWO_HASH = "176ddf3af76b6eaec4e0f85b68ebb535aafbec59a715b6323ecba1a0bb9e3a7f";

    static final PersonalField[] SHOP_FIELDS = {
        PersonalField.hash("OrderPurchased", "/customer/email"),
        PersonalField.hash("OrderPurchased", "/customer/loyaltyNumber"),
        PersonalField.drop("OrderPurchased", "/customer/name"),
        PersonalField.redactFreeText("SearchPerformed", "/query")
    };

    final TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);

    @Test
    void hashesDropsAndRedactsTheClassifiedFieldsAndCountsWhatItChanged() {
        var routed = pipeline.apply(Create.of(
                                event(
                                        "OrderPurchased",
                                        1,
                                        1,
                                        json("{'customer':{'email':'ann@example.com','name':'Ann','loyaltyNumber':42},"
                                                + "'total':10.50}")),
                                event("OrderPurchased", 1, 2, json("{'customer':{'email':null},'total':2.00}")),
                                event(
                                        "SearchPerformed",
                                        1,
                                        3,
                                        json("{'query':'mail ann@example.com or call +49 151 2345678 / (030) 123456,"
                                                + " IBAN DE89 3704 0044 0532 0130 00, size 42 since 2026-05-01'}")),
                                event("SearchPerformed", 1, 4, json("{'query':'red shoes 0.5 kg'}")),
                                event("SearchPerformed", 1, 5, json("{'query':12345678}")),
                                event("OrderCancelled", 1, 6, json("{'customer':{'name':'Ann'}}")))
                        .withCoder(RawEvent.Coder.of()))
                .apply(MaskPersonalData.with(SALT, SHOP_FIELDS));

        PAssert.that(routed.output()
                        .apply(MapElements.into(TypeDescriptors.strings()).via(e -> e.offset() + " " + e.data())))
                .containsInAnyOrder(
                        "1 "
                                + json("{'customer':{'email':'" + ANN_HASH + "','loyaltyNumber':'" + FORTY_TWO_HASH
                                        + "'},'total':10.50}"),
                        "2 " + json("{'customer':{'email':null},'total':2.00}"),
                        "3 "
                                + json("{'query':'mail [email] or call [phone] / [phone], IBAN [iban], size 42 since"
                                        + " 2026-05-01'}"),
                        "4 " + json("{'query':'red shoes 0.5 kg'}"),
                        "5 " + json("{'query':12345678}"),
                        "6 " + json("{'customer':{'name':'Ann'}}"));
        PAssert.that(routed.quarantined()).empty();
        var result = pipeline.run();
        result.waitUntilFinish();

        assertThat(ChangeCounts.of(result.metrics()))
                .isEqualTo(Map.of(
                        "masked/OrderPurchased /customer/email hashed", 1L,
                        "masked/OrderPurchased /customer/loyaltyNumber hashed", 1L,
                        "masked/OrderPurchased /customer/name dropped", 1L,
                        "redacted/SearchPerformed /query email", 1L,
                        "redacted/SearchPerformed /query phone", 2L,
                        "redacted/SearchPerformed /query iban", 1L));
    }

    @Test
    void quarantinesDataItCannotReadRatherThanPassItUnmasked() {
        var routed = pipeline.apply(Create.of(event("OrderPurchased", 1, 1, "{\"customer\":{\"email\":\"ann@"))
                        .withCoder(RawEvent.Coder.of()))
                .apply(MaskPersonalData.with(SALT, SHOP_FIELDS));

        PAssert.that(routed.output()).empty();
        PAssert.that(routed.quarantined()
                        .apply(MapElements.into(TypeDescriptors.strings()).via(Quarantined::rule)))
                .containsInAnyOrder(StructureJson.INVALID_FIELD);
        pipeline.run().waitUntilFinish();
    }

    @Test
    void theHashOfAValueIsStableUnderOneSaltAndDiffersUnderAnother() {
        var mac = MaskPersonalData.hmac(SALT);
        var otherMesh = MaskPersonalData.hmac(PersonalDataSalt.of("another salt, same mesh size"));

        assertThat(MaskPersonalData.hash(mac, "ann@example.com")).isEqualTo(ANN_HASH);
        assertThat(MaskPersonalData.hash(MaskPersonalData.hmac(SALT), "ann@example.com"))
                .isEqualTo(ANN_HASH);
        assertThat(MaskPersonalData.hash(otherMesh, "ann@example.com"))
                .isEqualTo("68151f6cac950b7375e64ce296e569ee8f784a8099cd1209dc7d7d465392bfac");
    }

    @Test
    void refusesASaltShorterThanSixteenBytesAndNeverShowsOne() {
        assertThatThrownBy(() -> PersonalDataSalt.of(""))
                .hasMessage("The salt for personal data from the given text has 0 bytes; it needs at least 16, such as"
                        + " 32 random bytes written in hex");
        assertThatThrownBy(() -> PersonalDataSalt.of("fifteen bytes!!")).hasMessageContaining("has 15 bytes");
        assertThat(PersonalDataSalt.of("sixteen bytes!!!")).hasToString("PersonalDataSalt(16 bytes)");
        assertThatThrownBy(() -> MaskPersonalData.with(null, SHOP_FIELDS))
                .hasMessageContaining("plan.personalDataSalt()");
    }

    @Test
    void refusesFieldsAPersonWouldGetWrong() {
        assertThatThrownBy(() -> PersonalField.hash("OrderPurchased", "customer.email"))
                .hasMessageContaining("Personal field of OrderPurchased needs a JSON pointer");
        assertThatThrownBy(() -> MaskPersonalData.with(
                        SALT,
                        PersonalField.hash("OrderPurchased", "/customer/email"),
                        PersonalField.drop("OrderPurchased", "/customer/email")))
                .hasMessage("Personal field OrderPurchased /customer/email is listed twice; give it one treatment");
    }
}
