namespace Waymark.TestSupport;

/// <summary>The repository the tests run from: its root folder (the one holding Waymark.slnx) and files under it.</summary>
public static class Repository
{
    /// <summary>The folder holding Waymark.slnx, found upwards from the test's base directory.</summary>
    /// <exception cref="InvalidOperationException">No Waymark.slnx above the base directory.</exception>
    public static string Root { get; } = FindRoot();

    /// <summary>A path under <see cref="Root"/> from its '/'-separated parts (e.g. "src/Waymark.Web/Pages").</summary>
    public static string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Waymark.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Waymark.slnx not found above " + AppContext.BaseDirectory);
    }
}
