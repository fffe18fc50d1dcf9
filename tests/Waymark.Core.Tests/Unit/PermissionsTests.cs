using Waymark.Access;
using Waymark.People;
using Waymark.Teams;

namespace Waymark.Core.Tests.Unit;

/// <summary>The permissions table: its copy in docs/security.md, and the least-privilege rules for support workers.</summary>
public class PermissionsTests
{
    private static readonly string[] Columns =
        [Roles.Practitioner, Roles.SupportWorker, Roles.TeamManager, Roles.Volunteer, Roles.Commissioner, Roles.Administrator];

    [Fact]
    public void The_table_in_docs_security_md_is_the_table_in_the_code()
    {
        var doc = File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "security.md"));
        // The rows of the table under "## Who may do what" (other sections have tables of settings).
        var rows = doc.SkipWhile(l => l != "## Who may do what").Skip(1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal))
            .Where(l => l.StartsWith("| `", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(rows);
        var documented = new Dictionary<Permission, HashSet<string>>();
        foreach (var row in rows)
        {
            var cells = row.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            Assert.True(cells.Length == 2 + Columns.Length, $"docs/security.md row has {cells.Length} cells: {row}");
            var permission = Enum.Parse<Permission>(cells[0].Trim('`'));
            documented[permission] = Columns.Where((_, i) => cells[2 + i] == "✓").ToHashSet();
            Assert.All(cells[2..], c => Assert.Contains(c, new[] { "✓", "–" }));
        }
        Assert.Equal(Permissions.All.Order(), documented.Keys.Order());
        foreach (var p in Permissions.All)
            Assert.True(documented[p].SetEquals(Permissions.RolesWith(p)),
                $"{p}: docs/security.md says {string.Join(", ", documented[p])}; Permissions says {string.Join(", ", Permissions.RolesWith(p))}");
    }

    [Theory]
    [InlineData(Permission.RecordIdentification)]
    [InlineData(Permission.Screen)]
    [InlineData(Permission.Assess)]
    [InlineData(Permission.EditIdentityDetails)]
    [InlineData(Permission.CloseEpisodes)]
    [InlineData(Permission.ManageTeam)]
    public void A_support_worker_does_not_do_clinical_identity_or_management_work(Permission p)
    {
        Assert.False(Permissions.Allows(Roles.SupportWorker, p));
        Assert.True(Permissions.Allows(Roles.TeamManager, p));
    }

    [Theory]
    [InlineData(Permission.WorkWithCaseRecords)]
    [InlineData(Permission.EditContactDetails)]
    [InlineData(Permission.Refer)]
    public void A_support_worker_works_the_case_keeps_contact_details_and_refers(Permission p) =>
        Assert.True(Permissions.Allows(Roles.SupportWorker, p));

    [Fact]
    public void Volunteers_commissioners_administrators_and_no_one_hold_no_case_permission()
    {
        // Managing the team's members and user accounts is access to the service, not to records (docs/security.md,
        // "Sessions"), and so are retention's settings and its log, which hold no personal data; mentoring is the
        // volunteer's own narrow view (tested below).
        foreach (var p in Permissions.All.Except([Permission.ManageMembers, Permission.ResetTwoFactor, Permission.Mentor, Permission.ViewCommissionedFigures,
            Permission.AdministerUsers, Permission.ResetPasswords, Permission.ManageRetention]))
        {
            Assert.False(Permissions.Allows(Roles.Volunteer, p));
            Assert.False(Permissions.Allows(Roles.Commissioner, p));
            Assert.False(Permissions.Allows(Roles.Administrator, p));
            Assert.False(Permissions.Allows(null, p));
            Assert.False(Permissions.Allows("practitioner", p)); // role names are exact
        }
    }

    [Fact]
    public void Administrators_hold_only_access_and_settings_permissions()
    {
        Assert.Equal([Permission.ManageMembers, Permission.ResetTwoFactor, Permission.AdministerUsers, Permission.ResetPasswords, Permission.ManageRetention],
            Permissions.All.Where(p => Permissions.Allows(Roles.Administrator, p)));
    }

    [Fact]
    public void Only_commissioners_see_commissioned_figures_and_they_hold_nothing_else()
    {
        Assert.Equal([Roles.Commissioner], Permissions.RolesWith(Permission.ViewCommissionedFigures));
        Assert.Equal([Permission.ViewCommissionedFigures], Permissions.All.Where(p => Permissions.Allows(Roles.Commissioner, p)));
    }

    [Fact]
    public void Only_volunteers_mentor_and_no_case_worker_does()
    {
        Assert.Equal([Roles.Volunteer], Permissions.RolesWith(Permission.Mentor));
        Assert.False(Permissions.Allows(Roles.Volunteer, Permission.WorkWithCaseRecords));
        Assert.False(Permissions.Allows(Roles.Volunteer, Permission.WritePlans));
    }

    [Fact]
    public void Team_managers_and_administrators_manage_members_and_only_administrators_reset_two_factor()
    {
        Assert.Equal([Roles.TeamManager, Roles.Administrator], Permissions.RolesWith(Permission.ManageMembers));
        Assert.Equal([Roles.Administrator], Permissions.RolesWith(Permission.ResetTwoFactor));
    }

    [Fact]
    public void Keeping_identity_takes_names_dates_of_birth_sex_and_identifiers_from_the_record_and_the_rest_from_the_form()
    {
        var stored = new Person { GivenName = "Imogen", FamilyName = "Stored", DateOfBirth = new DateOnly(1990, 4, 1), Sex = Sex.Female, NhsNumber = "9434765919", PncId = "2001/0000023C", Phone = "01632 960001", CreatedBy = "test" };
        stored.Aliases.Add(new PersonAlias { PersonId = stored.Id, GivenName = "Immy", FamilyName = "Stored" });
        var typed = PersonDetails.From(stored) with
        {
            GivenName = "Typed", FamilyName = "Typed", DateOfBirth = new DateOnly(1950, 1, 1), Sex = Sex.Male, NhsNumber = null, PncId = null,
            Aliases = [], Phone = "07700 900982", Postcode = "NS1 4AB", Gender = "typed",
        };

        var kept = typed.KeepingIdentityOf(stored);

        Assert.Equal(("Imogen", "Stored", new DateOnly(1990, 4, 1), Sex.Female, "9434765919", "2001/0000023C"),
            (kept.GivenName, kept.FamilyName, kept.DateOfBirth, kept.Sex, kept.NhsNumber, kept.PncId));
        Assert.Equal([("Immy", "Stored")], kept.Aliases);
        Assert.Null(kept.Gender);
        Assert.Equal(("07700 900982", "NS1 4AB"), (kept.Phone, kept.Postcode));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Waymark.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Waymark.slnx not found above " + AppContext.BaseDirectory);
    }
}
