using System.Collections;
using FluentValidation;
using FluentValidation.Validators;
using IncidentHub.Web.Http;

namespace IncidentHub.Web.Features;

public static class CollectionRules
{
    /// <summary>At most <paramref name="max"/> items (no list at all is left to other rules).</summary>
    public static IRuleBuilderOptions<T, TCollection> MaxItems<T, TCollection>(
        this IRuleBuilder<T, TCollection> rule, int max)
        where TCollection : IEnumerable? =>
        rule.SetValidator(new MaxItemsValidator<T, TCollection>(max));

    /// <summary>Exactly one of <paramref name="values"/>, as written.</summary>
    public static IRuleBuilderOptions<T, string?> OneOf<T>(
        this IRuleBuilder<T, string?> rule, IReadOnlyList<string> values) =>
        rule.SetValidator(new OneOfValidator<T>(values));
}

/// <summary>A validator, not a predicate, so that the OpenAPI document can list the values it accepts.</summary>
public sealed class OneOfValidator<T>(IReadOnlyList<string> values) : PropertyValidator<T, string?>, IEnumNameValidator
{
    public override string Name => "OneOfValidator";

    public IReadOnlyList<string> Names => values;

    public override bool IsValid(ValidationContext<T> context, string? value) =>
        value is not null && values.Contains(value);

    protected override string GetDefaultMessageTemplate(string errorCode) =>
        $"Use one of: {string.Join(", ", values)}.";
}

/// <summary>A validator, not a predicate, so that the OpenAPI document can read the limit it enforces.</summary>
public sealed class MaxItemsValidator<T, TCollection>(int max) : PropertyValidator<T, TCollection>, IMaxItemsValidator
    where TCollection : IEnumerable?
{
    public override string Name => "MaxItemsValidator";

    public int Max => max;

    public override bool IsValid(ValidationContext<T> context, TCollection value) =>
        value is null || value.Cast<object?>().Count() <= max;

    protected override string GetDefaultMessageTemplate(string errorCode) => $"Give at most {max} items.";
}

public interface IMaxItemsValidator
{
    int Max { get; }
}
