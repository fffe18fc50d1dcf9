using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Waymark.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FiguresIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Episodes_TeamId_IdentifiedAt",
                table: "Episodes",
                columns: new[] { "TeamId", "IdentifiedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_TeamId_CompletedAt",
                table: "Assessments",
                columns: new[] { "TeamId", "CompletedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Episodes_TeamId_IdentifiedAt",
                table: "Episodes");

            migrationBuilder.DropIndex(
                name: "IX_Assessments_TeamId_CompletedAt",
                table: "Assessments");
        }
    }
}
