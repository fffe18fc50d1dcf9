using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Waymark.Web.Infrastructure;

/// <summary>
/// A POST that no handler of the page answers — to a page that only shows (with a valid token), or with
/// <c>?handler=</c> naming a handler the page does not have — is refused: 405 for a method the page does not take,
/// 404 for an unknown handler. Razor Pages would otherwise render the page without running any handler, so without
/// the data its GET loads (a 500).
/// </summary>
public sealed class UnknownHandlerFilter : IAsyncPageFilter
{
    /// <inheritdoc />
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    /// <inheritdoc />
    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        // A GET always shows the page: with a handler name it has no, Razor Pages falls back to the page's own GET.
        if (context.HandlerMethod is not null || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) return next();
        if (context.RouteData.Values.TryGetValue("handler", out var routed) && routed is string { Length: > 0 }
            || !string.IsNullOrEmpty(request.Query["handler"])) // where Razor Pages looks for a handler's name
        {
            context.Result = new NotFoundResult();
            return Task.CompletedTask;
        }
        context.HttpContext.Response.Headers.Allow = "GET, HEAD";
        context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
        return Task.CompletedTask;
    }
}
