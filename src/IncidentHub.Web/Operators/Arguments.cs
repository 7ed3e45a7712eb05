namespace IncidentHub.Web.Operators;

/// <summary>Arguments an operator gave that a command cannot use; the message says which and why.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>
/// The options of one command: <c>--name value</c>, <c>--name=value</c> and flags. Parsed by hand: three commands
/// with a few options each need no parsing library, and every refusal reads as one plain line.
/// </summary>
public sealed class Arguments
{
    private readonly Dictionary<string, string?> given = new(StringComparer.Ordinal);

    public Arguments(string verb, IReadOnlyList<string> args, string[] options, string[] flags)
    {
        for (var index = 0; index < args.Count; index++)
        {
            var arg = args[index];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                throw new UsageException($"unexpected argument \"{arg}\" (see {verb} --help).");
            }

            var separator = arg.IndexOf('=', StringComparison.Ordinal);
            var name = separator < 0 ? arg[2..] : arg[2..separator];
            string? value = separator < 0 ? null : arg[(separator + 1)..];
            if (!options.Contains(name) && !flags.Contains(name))
            {
                throw new UsageException(name == "password"
                    ? "a password is never given on the command line, where other users see it: "
                        + "use --password-stdin or --password-file FILE."
                    : $"there is no option --{name} (see {verb} --help).");
            }

            if (value is null && !flags.Contains(name))
            {
                if (index + 1 >= args.Count || args[index + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new UsageException($"--{name} needs a value.");
                }

                value = args[++index];
            }

            if (!given.TryAdd(name, value))
            {
                throw new UsageException($"--{name} is given twice.");
            }
        }
    }

    public string Required(string name, string example) =>
        Optional(name) ?? throw new UsageException($"--{name} is required, e.g. --{name} {example}.");

    public string? Optional(string name) => given.TryGetValue(name, out var value)
        ? string.IsNullOrWhiteSpace(value) ? throw new UsageException($"--{name} needs a value.") : value
        : null;

    public bool Flag(string name) => given.TryGetValue(name, out var value)
        ? value is null ? true : throw new UsageException($"--{name} takes no value.")
        : false;
}
