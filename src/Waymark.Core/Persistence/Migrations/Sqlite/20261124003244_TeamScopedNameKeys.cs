using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Waymark.Persistence.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "GivenNameKey",
                table: "PersonTeamLinks",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            // Existing links take their person's name keys.
            migrationBuilder.Sql("""UPDATE "PersonTeamLinks" SET "GivenNameKey" = (SELECT "GivenNameKey" FROM "People" WHERE "People"."Id" = "PersonTeamLinks"."PersonId"), "FamilyNameKey" = (SELECT "FamilyNameKey" FROM "People" WHERE "People"."Id" = "PersonTeamLinks"."PersonId");""");

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
