using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json.Nodes;
using FluentValidation;
using FluentValidation.Validators;
using IncidentHub.Domain;
using IncidentHub.Web.Features;
using IncidentHub.Web.Http;
using Microsoft.OpenApi;

namespace IncidentHub.Web.Api.OpenApi;

/// <summary>
/// The limits the FluentValidation validators enforce (lengths, bounds, item counts, enum names), by the property
/// they check, so that the OpenAPI document publishes exactly what the API refuses and no number is written twice.
/// A rule on <c>command.Changes.Title.Value</c> (a partial update) counts for <c>Changes.Title</c>.
/// </summary>
public sealed class ValidatorLimits
{
    private readonly Dictionary<(Type Declaring, string Name), Limits> limits = [];

    public ValidatorLimits(IEnumerable<IValidator> validators)
    {
        foreach (var rule in validators.SelectMany(validator => validator.CreateDescriptor().Rules))
        {
            if (MemberOf(rule.Expression) is not { } member)
            {
                continue;
            }

            var key = (member.DeclaringType!, member.Name);
            var found = limits.GetValueOrDefault(key) ?? new Limits();
            limits[key] = rule.Components.Select(component => component.Validator)
                .Aggregate(found, (sum, validator) =>
                    IsCollectionRule(rule) ? sum.WithItem(validator) : sum.With(validator));
        }
    }

    /// <summary>The validators registered in the app (Program.cs registers every one in the assembly).</summary>
    public static ValidatorLimits From(IServiceProvider services) => new(
        AssemblyScanner.FindValidatorsInAssembly(typeof(Program).Assembly, includeInternalTypes: true)
            .Select(found => found.InterfaceType).Distinct()
            .SelectMany(type => services.GetServices(type).OfType<IValidator>()));

    public Limits? For(PropertyInfo property) => limits.GetValueOrDefault((property.DeclaringType!, property.Name));

    /// <summary>Sets the limits of the schema of a string, a list of strings or an integer.</summary>
    public static void Apply(Limits limits, OpenApiSchema schema, Type clrType)
    {
        if (schema.Type?.HasFlag(JsonSchemaType.String) == true)
        {
            ApplyToString(limits.MaxLength, limits.EnumNames, schema);
        }
        else if (schema.Type?.HasFlag(JsonSchemaType.Array) == true)
        {
            schema.MaxItems = limits.MaxItems ?? schema.MaxItems;
            if (schema.Items is OpenApiSchema items)
            {
                ApplyToString(limits.ItemMaxLength, limits.ItemEnumNames, items);
            }
        }
        else if (schema.Type?.HasFlag(JsonSchemaType.Integer) == true)
        {
            var type = Nullable.GetUnderlyingType(clrType) ?? clrType;
            var is32 = type == typeof(int);
            schema.Minimum = limits.Minimum ?? Text(is32 ? int.MinValue : long.MinValue);
            schema.Maximum = limits.Maximum ?? Text(is32 ? int.MaxValue : long.MaxValue);
        }
    }

    private static void ApplyToString(int? maxLength, IReadOnlyList<string>? names, OpenApiSchema schema)
    {
        schema.MaxLength = maxLength ?? schema.MaxLength;
        if (names is not null)
        {
            schema.Enum = [.. names.Select(name => (JsonNode)JsonValue.Create(name))];
        }
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static bool IsCollectionRule(IValidationRule rule) => rule.GetType().GetInterfaces()
        .Any(type => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ICollectionRule<,>));

    /// <summary>The property a rule checks, unwrapping <see cref="Optional{T}.Value"/>.</summary>
    private static MemberInfo? MemberOf(LambdaExpression? expression)
    {
        var body = expression?.Body as MemberExpression;
        if (body?.Member.DeclaringType is { IsGenericType: true } wrapper
            && wrapper.GetGenericTypeDefinition() == typeof(Optional<>))
        {
            body = body.Expression as MemberExpression;
        }

        return body?.Member;
    }
}

/// <summary>What the validators of one property enforce; null where they say nothing.</summary>
public sealed record Limits
{
    public int? MaxLength { get; init; }

    public int? ItemMaxLength { get; init; }

    public int? MaxItems { get; init; }

    public string? Minimum { get; init; }

    public string? Maximum { get; init; }

    public IReadOnlyList<string>? EnumNames { get; init; }

    public IReadOnlyList<string>? ItemEnumNames { get; init; }

    public Limits With(IPropertyValidator validator) => validator switch
    {
        ILengthValidator { Max: > 0 } length => this with { MaxLength = Min(MaxLength, length.Max) },
        IBetweenValidator between => this with { Minimum = Text(between.From), Maximum = Text(between.To) },
        IComparisonValidator { Comparison: Comparison.GreaterThan, ValueToCompare: int or long } above =>
            this with { Minimum = Text(Convert.ToInt64(above.ValueToCompare, CultureInfo.InvariantCulture) + 1) },
        IComparisonValidator { Comparison: Comparison.GreaterThanOrEqual, ValueToCompare: int or long } atLeast =>
            this with { Minimum = Text(atLeast.ValueToCompare) },
        IMaxItemsValidator items => this with { MaxItems = Min(MaxItems, items.Max) },
        IEnumNameValidator names => this with { EnumNames = names.Names },
        _ => this,
    };

    public Limits WithItem(IPropertyValidator validator) => validator switch
    {
        ILengthValidator { Max: > 0 } length => this with { ItemMaxLength = Min(ItemMaxLength, length.Max) },
        IEnumNameValidator names => this with { ItemEnumNames = names.Names },
        _ => this,
    };

    private static int Min(int? current, int max) => current is { } known ? Math.Min(known, max) : max;

    private static string? Text(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture);
}
