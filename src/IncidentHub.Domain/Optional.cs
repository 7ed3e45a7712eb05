namespace IncidentHub.Domain;

/// <summary>
/// A value in a partial update: absent means "leave it as it is", present (even empty) means
/// "set it to this". Lets a client clear a field without having to resend every other one.
/// </summary>
public readonly record struct Optional<T>
{
    private readonly T value;

    public Optional(T value)
    {
        this.value = value;
        IsSet = true;
    }

    public bool IsSet { get; }

    public T Value => IsSet ? value : throw new InvalidOperationException("The optional value is not set.");

    public T GetValueOr(T fallback) => IsSet ? value : fallback;

    public static implicit operator Optional<T>(T value) => new(value);
}
