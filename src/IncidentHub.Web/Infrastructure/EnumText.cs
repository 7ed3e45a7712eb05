using FluentValidation;

namespace IncidentHub.Web.Infrastructure;

/// <summary>Enum values in query strings: by name, any case, never by number.</summary>
public static class EnumText
{
    public static T? Parse<T>(string? text)
        where T : struct, Enum =>
        string.IsNullOrWhiteSpace(text) ? null
        : !char.IsAsciiDigit(text.Trim()[0]) && !text.Trim().StartsWith('-') && Enum.TryParse<T>(text.Trim(), ignoreCase: true, out var value) && Enum.IsDefined(value) ? value
        : throw new ArgumentException($"'{text}' is not a {typeof(T).Name}.", nameof(text));

    public static bool IsValid<T>(string? text)
        where T : struct, Enum
    {
        try
        {
            Parse<T>(text);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public static IRuleBuilderOptions<TMessage, string?> IsEnumName<TMessage, T>(this IRuleBuilder<TMessage, string?> rule)
        where T : struct, Enum =>
        rule.Must(IsValid<T>).WithMessage($"Use one of: {string.Join(", ", Enum.GetNames<T>())}.");
}
