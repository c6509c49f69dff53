package io.atlasonboard.core.atlas;

import java.util.List;

/** One page of a list endpoint: items, the {@code Total-Count} header (null if absent) and whether {@code Links} has next. */
public record Page<T>(List<T> items, Integer totalCount, boolean hasNext) {
}
