package dev.meshshop.governance;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * How the platform evaluates a policy: one of a few rule kinds, chosen in the policy file by {@code kind} and
 * configured by the other fields of its {@code check}. A new kind is a record here and one line below.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = FieldRule.class, name = "field"),
    @JsonSubTypes.Type(value = PropertiesRule.class, name = "properties"),
    @JsonSubTypes.Type(value = OutputPortsRule.class, name = "output-ports"),
    @JsonSubTypes.Type(value = TopicNamesRule.class, name = "topic-names"),
    @JsonSubTypes.Type(value = CompatibleChangeRule.class, name = "compatible-change"),
    @JsonSubTypes.Type(value = SqlScopeRule.class, name = "sql-scope"),
    @JsonSubTypes.Type(value = PublishedDataRule.class, name = "published-data"),
    @JsonSubTypes.Type(value = GrantedInputPortsRule.class, name = "granted-input-ports"),
    @JsonSubTypes.Type(value = ProductStandardRule.class, name = "odps"),
    @JsonSubTypes.Type(value = FormSourcesRule.class, name = "form-sources"),
    @JsonSubTypes.Type(value = FormFilesRule.class, name = "form-files")
})
public sealed interface Rule
        permits FieldRule,
                PropertiesRule,
                OutputPortsRule,
                TopicNamesRule,
                CompatibleChangeRule,
                SqlScopeRule,
                PublishedDataRule,
                GrantedInputPortsRule,
                ProductStandardRule,
                FormSourcesRule,
                FormFilesRule {

    /** Everything in {@code product} that breaks the rule; empty when it complies. */
    List<Violation> check(GovernedProduct product);

    /** Replaces {@code {domain}} in a pattern written by the guild with the product's domain. */
    static String forDomain(String pattern, String domain) {
        return pattern.replace("{domain}", java.util.regex.Pattern.quote(domain));
    }
}
