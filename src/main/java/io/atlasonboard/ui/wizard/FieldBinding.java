package io.atlasonboard.ui.wizard;

import io.atlasonboard.core.onboarding.OnboardingField;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import javafx.beans.property.Property;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * Ties one property of {@link WizardState} to the {@link OnboardingField} it is stored in: how a stored value is
 * shown ({@link #load}) and how a change is stored ({@link #watch}). Declared next to the property in WizardState;
 * {@link OnboardingSync} drives them all. UI thread.
 */
abstract sealed class FieldBinding<S> permits FieldBinding.OfProperty, FieldBinding.OfList {
    final OnboardingField<S> field;

    private FieldBinding(OnboardingField<S> field) {
        this.field = field;
    }

    /** Sets the property from a snapshot value (may be null). */
    abstract void load(S stored);

    /** From now on hands every change, converted to its stored form, to {@code sink}. */
    abstract void watch(BiConsumer<OnboardingField<?>, Object> sink);

    static <V, S> OfProperty<V, S> of(Property<V> property, OnboardingField<S> field, Function<S, V> shown,
                                      Function<V, S> stored) {
        return new OfProperty<>(property, field, shown, stored);
    }

    static OfList ofList(ObservableList<String> list, OnboardingField<List<String>> field) {
        return new OfList(list, field);
    }

    static final class OfProperty<V, S> extends FieldBinding<S> {
        private final Property<V> property;
        private final Function<S, V> shown;
        private final Function<V, S> stored;

        private OfProperty(Property<V> property, OnboardingField<S> field, Function<S, V> shown,
                           Function<V, S> stored) {
            super(field);
            this.property = property;
            this.shown = shown;
            this.stored = stored;
        }

        @Override
        void load(S value) {
            property.setValue(shown.apply(value));
        }

        @Override
        void watch(BiConsumer<OnboardingField<?>, Object> sink) {
            // the stored form is made at once (a secret becomes a char[] the writer wipes after sealing it)
            property.addListener((obs, a, b) -> sink.accept(field, stored.apply(b)));
        }
    }

    static final class OfList extends FieldBinding<List<String>> {
        private final ObservableList<String> list;

        private OfList(ObservableList<String> list, OnboardingField<List<String>> field) {
            super(field);
            this.list = list;
        }

        @Override
        void load(List<String> value) {
            list.setAll(value == null ? List.of() : value);
        }

        @Override
        void watch(BiConsumer<OnboardingField<?>, Object> sink) {
            list.addListener((ListChangeListener<String>) c -> sink.accept(field, List.copyOf(list)));
        }
    }
}
