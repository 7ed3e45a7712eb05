using FluentValidation;
using FluentValidation.Validators;

namespace IncidentHub.Web.Http;

/// <summary>Enum values in query strings: by name, any case, never by number.</summary>
public static class EnumText
{
    public static T? Parse<T>(string? text)
        where T : struct, Enum =>
        TryParse<T>(text, out var value)
            ? value
            : throw new ArgumentException($"'{text}' is not a {typeof(T).Name}.", nameof(text));

    /// <summary>
    /// Exactly one declared name, in any case: never a number ("1", "+1"), a combination ("S1,S2")
    /// or anything else <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/> would also accept.
    /// Empty or absent text is no filter (null).
    /// </summary>
    public static bool TryParse<T>(string? text, out T? value)
        where T : struct, Enum
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var name = text.Trim();
        foreach (var candidate in Enum.GetNames<T>())
        {
            if (string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase))
            {
                value = Enum.Parse<T>(candidate);
                return true;
            }
        }

        return false;
    }

    public static bool IsValid<T>(string? text)
        where T : struct, Enum => TryParse<T>(text, out _);

    public static IRuleBuilderOptions<TMessage, string?> IsEnumName<TMessage, T>(
        this IRuleBuilder<TMessage, string?> rule)
        where T : struct, Enum =>
        rule.SetValidator(new EnumNameValidator<TMessage, T>())
            .WithMessage($"Use one of: {string.Join(", ", Enum.GetNames<T>())}.");
}

/// <summary>A validator, not a predicate, so that the OpenAPI document can list the names it accepts.</summary>
public sealed class EnumNameValidator<TMessage, T> : PropertyValidator<TMessage, string?>, IEnumNameValidator
    where T : struct, Enum
{
    public override string Name => "EnumNameValidator";

    public IReadOnlyList<string> Names => Enum.GetNames<T>();

    public override bool IsValid(ValidationContext<TMessage> context, string? value) => EnumText.IsValid<T>(value);
}

public interface IEnumNameValidator
{
    IReadOnlyList<string> Names { get; }
}
