using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Waymark.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Contacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Contacts_SupersedesId",
                table: "Contacts");

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_SupersedesId",
                table: "Contacts",
                column: "SupersedesId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Contacts_SupersedesId",
                table: "Contacts");

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_SupersedesId",
                table: "Contacts",
                column: "SupersedesId");
        }
    }
}
