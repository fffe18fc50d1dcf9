using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Waymark.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CaseloadCoveringIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Episodes_TeamId_ClosedAt_IdentifiedAt",
                table: "Episodes");

            migrationBuilder.CreateIndex(
                name: "IX_Episodes_TeamId_ClosedAt_IdentifiedAt",
                table: "Episodes",
                columns: new[] { "TeamId", "ClosedAt", "IdentifiedAt" })
                .Annotation("Npgsql:IndexInclude", new[] { "Id", "PersonId", "KeyWorkerId", "ScreenedAt", "AssessedAt", "SupportStartedAt", "PlannedEndDate", "IsYouth", "Setting" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Episodes_TeamId_ClosedAt_IdentifiedAt",
                table: "Episodes");

            migrationBuilder.CreateIndex(
                name: "IX_Episodes_TeamId_ClosedAt_IdentifiedAt",
                table: "Episodes",
                columns: new[] { "TeamId", "ClosedAt", "IdentifiedAt" });
        }
    }
}
