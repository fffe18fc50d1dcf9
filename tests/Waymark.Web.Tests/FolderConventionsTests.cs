using Waymark.Web.Infrastructure;

namespace Waymark.Web.Tests;

/// <summary>Each Pages folder declares who may open its pages in its own Conventions class, found by a scan.</summary>
public class FolderConventionsTests
{
    [Fact]
    public void Every_folder_with_pages_has_a_conventions_class_and_every_conventions_class_a_folder_with_pages()
    {
        var assembly = typeof(Startup).Assembly;

        var discovered = FolderConventions.Discover(assembly);

        Assert.Equal(FolderConventions.PageFolders(assembly).Order(StringComparer.Ordinal), discovered.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("/Team", discovered.Keys);
        Assert.Contains("/", discovered.Keys);
    }

    [Fact]
    public void A_folder_with_pages_but_no_conventions_class_stops_start_up()
    {
        var conventions = typeof(Startup).Assembly.GetTypes().Where(t => t.Name == "Conventions" && t.Namespace != "Waymark.Web.Pages.Team");

        var refused = Assert.Throws<InvalidOperationException>(() => FolderConventions.Discover(conventions, ["/", "/People", "/Team"]));

        Assert.Equal("Pages in Pages/Team/ have no Conventions class saying who may open them. Add a class Conventions : IFolderConventions in that folder's namespace.", refused.Message);
    }

    [Theory]
    [InlineData("/Pages/Index.cshtml", "/")]
    [InlineData("/Pages/Team/Capacity.cshtml", "/Team")]
    [InlineData("/Pages/Account/SignIn.cshtml", "/Account")]
    public void A_page_belongs_to_its_top_folder(string identifier, string folder) =>
        Assert.Equal(folder, FolderConventions.FolderOfPage(identifier));
}
