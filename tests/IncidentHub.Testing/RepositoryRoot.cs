namespace IncidentHub.Testing;

/// <summary>The repository's root: the first folder above the test binaries that holds IncidentHub.sln.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory);
             directory is not null;
             directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "IncidentHub.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No IncidentHub.sln above {AppContext.BaseDirectory}: tests run from the repository's build output.");
    }
}
