using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Waymark.Web.Tests.Support;

/// <summary>The pages and handlers the running app routes, read from its action descriptors (not kept by hand).</summary>
public static class RoutedPages
{
    /// <summary>Every routed page, compiled (so its model type and handler methods are known), once per page.</summary>
    public static async Task<IReadOnlyList<CompiledPageActionDescriptor>> PagesAsync(WaymarkFactory factory)
    {
        var descriptors = factory.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .OfType<PageActionDescriptor>().DistinctBy(d => d.ViewEnginePath).OrderBy(d => d.ViewEnginePath, StringComparer.Ordinal).ToList();
        var loader = factory.Services.GetRequiredService<PageLoader>();
        var pages = new List<CompiledPageActionDescriptor>();
        foreach (var d in descriptors) pages.Add(await loader.LoadAsync(d, EndpointMetadataCollection.Empty));
        return pages;
    }

    /// <summary>
    /// "GET /People/Details", "POST /Episodes/Details?handler=Close": every page's GET (a page without an
    /// OnGet still answers GET) and every handler method it declares.
    /// </summary>
    public static async Task<IReadOnlySet<string>> HandlersAsync(WaymarkFactory factory) =>
        (await PagesAsync(factory))
            .SelectMany(p => p.HandlerMethods.Select(h => Key(h.HttpMethod, p.ViewEnginePath, h.Name)).Append(Key("GET", p.ViewEnginePath, null)))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The key a handler has in <see cref="HandlersAsync"/>.</summary>
    public static string Key(string method, string page, string? handler) =>
        $"{method.ToUpperInvariant()} {page}{(handler is null ? "" : "?handler=" + handler)}";
}
