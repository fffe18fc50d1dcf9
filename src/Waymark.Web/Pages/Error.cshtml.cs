using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Web.Infrastructure;

namespace Waymark.Web.Pages;

[IgnoreAntiforgeryToken]
[ShowsNoPersonData("An error message.")]
public class ErrorModel : PageModel
{
    public string Heading { get; private set; } = "Sorry, there is a problem with the service";
    public string Explanation { get; private set; } = "Try again later. Anything you saved before the problem is safe.";

    public void OnGet(int? code) => Describe(code);
    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        switch (code)
        {
            case 404:
                Heading = "Page not found";
                Explanation = "If you typed the web address, check it is correct. The record may not exist, or your team may not have access to it.";
                break;
            case 403:
                Heading = "You do not have access to this page";
                Explanation = "Your role does not include this part of Waymark.";
                break;
            case 400:
                Heading = "Sorry, we could not process that request";
                Explanation = "The form may have expired. Go back, refresh the page and try again.";
                break;
            case 414:
                Heading = "The web address is too long";
                Explanation = "Go back and try again from a link or button in Waymark.";
                break;
            case 429:
                Heading = "Too many requests";
                Explanation = "Wait a moment and try again.";
                break;
        }
        if (code is >= 400 and < 600) Response.StatusCode = code.Value;
        else if (code is null) Response.StatusCode = 500;
    }
}
