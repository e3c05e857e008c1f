package org.toktrace.attribute;

import java.util.Objects;
import org.toktrace.model.Category;

/**
 * What the catalog says about one name: the service, what the flow is for, and the rule that matched
 * (e.g. {@code suffix tiktokcdn.com}), so evidence can show why.
 */
public record ServiceMatch(String service, Category category, String rule) {

    public ServiceMatch {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(rule, "rule");
    }
}
