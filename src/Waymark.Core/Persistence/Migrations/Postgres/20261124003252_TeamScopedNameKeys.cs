using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Waymark.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TeamScopedNameKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "FamilyNameKey",
                table: "PersonTeamLinks",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "",
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "GivenNameKey",
                table: "PersonTeamLinks",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "",
                collation: "C");

            // Existing links take their person's name keys.
            migrationBuilder.Sql("""UPDATE "PersonTeamLinks" AS l SET "GivenNameKey" = p."GivenNameKey", "FamilyNameKey" = p."FamilyNameKey" FROM "People" AS p WHERE p."Id" = l."PersonId";""");

            migrationBuilder.CreateIndex(
                name: "IX_PersonTeamLinks_TeamId_FamilyNameKey_GivenNameKey",
                table: "PersonTeamLinks",
                columns: new[] { "TeamId", "FamilyNameKey", "GivenNameKey" });

            migrationBuilder.CreateIndex(
                name: "IX_PersonTeamLinks_TeamId_GivenNameKey_FamilyNameKey",
                table: "PersonTeamLinks",
                columns: new[] { "TeamId", "GivenNameKey", "FamilyNameKey" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PersonTeamLinks_TeamId_FamilyNameKey_GivenNameKey",
                table: "PersonTeamLinks");

            migrationBuilder.DropIndex(
                name: "IX_PersonTeamLinks_TeamId_GivenNameKey_FamilyNameKey",
                table: "PersonTeamLinks");

            migrationBuilder.DropColumn(
                name: "FamilyNameKey",
                table: "PersonTeamLinks");

            migrationBuilder.DropColumn(
                name: "GivenNameKey",
                table: "PersonTeamLinks");
        }
    }
}
