using System.Reflection;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Razor.Hosting;

namespace Waymark.Web.Infrastructure;

/// <summary>
/// Who may open the pages of one <c>Pages/</c> folder, declared next to them: a class named
/// <c>Conventions</c> in the folder's namespace (<c>Waymark.Web.Pages.People</c> for <c>Pages/People</c>,
/// <c>Waymark.Web.Pages</c> for the root pages). Found by <see cref="FolderConventions.Discover"/>.
/// </summary>
public interface IFolderConventions
{
    /// <summary>Adds this folder's authorisation rules (and any other page conventions) to the app's.</summary>
    void Apply(PageConventionCollection conventions);
}

/// <summary>
/// Finds every folder's <see cref="IFolderConventions"/> and refuses to start when a folder with pages
/// has none: without one its pages would fall back to "any signed-in user", volunteers and commissioners included.
/// </summary>
public static class FolderConventions
{
    private const string PagesNamespace = "Waymark.Web.Pages";
    private const string RazorPageKind = "mvc.1.0.razor-page";

    /// <summary>The folder each conventions class covers ("/" for the root pages), keyed by folder.</summary>
    public static IReadOnlyDictionary<string, IFolderConventions> Discover(Assembly assembly) =>
        Discover(assembly.GetTypes(), PageFolders(assembly));

    /// <summary>
    /// The conventions among <paramref name="types"/>, keyed by folder; throws when a folder in <paramref name="pageFolders"/>
    /// has none, or a conventions class is misnamed or outside the pages' namespaces.
    /// </summary>
    public static IReadOnlyDictionary<string, IFolderConventions> Discover(IEnumerable<Type> types, IEnumerable<string> pageFolders)
    {
        var found = new Dictionary<string, IFolderConventions>(StringComparer.Ordinal);
        foreach (var type in types.Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IFolderConventions).IsAssignableFrom(t)))
        {
            var folder = FolderOf(type);
            if (type.Name != "Conventions" || folder is null)
                throw new InvalidOperationException($"{type.FullName}: a folder's conventions class must be called Conventions and live in {PagesNamespace} or one of its folder namespaces.");
            found.Add(folder, (IFolderConventions)Activator.CreateInstance(type)!);
        }
        var missing = pageFolders.Where(f => !found.ContainsKey(f)).Distinct().Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException(
                $"Pages in {string.Join(", ", missing.Select(f => $"Pages{(f == "/" ? "" : f)}/"))} have no Conventions class saying who may open them. "
                + "Add a class Conventions : IFolderConventions in that folder's namespace.");
        return found;
    }

    /// <summary>The folders holding routed pages (from the compiled Razor items), "/" for pages at the root.</summary>
    public static IReadOnlySet<string> PageFolders(Assembly assembly) =>
        assembly.GetCustomAttributes<RazorCompiledItemAttribute>()
            .Where(a => a.Kind == RazorPageKind)
            .Select(a => FolderOfPage(a.Identifier))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>"/Pages/Team/Capacity.cshtml" → "/Team"; "/Pages/Index.cshtml" → "/".</summary>
    public static string FolderOfPage(string identifier)
    {
        var path = identifier.StartsWith("/Pages/", StringComparison.Ordinal) ? identifier["/Pages".Length..] : identifier;
        var slash = path.IndexOf('/', 1);
        return slash < 0 ? "/" : path[..slash];
    }

    private static string? FolderOf(Type type) =>
        type.Namespace == PagesNamespace ? "/"
        : type.Namespace?.StartsWith(PagesNamespace + ".", StringComparison.Ordinal) == true ? "/" + type.Namespace[(PagesNamespace.Length + 1)..].Replace('.', '/')
        : null;
}
