using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Waymark.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class NameSearchKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "Services",
                type: "character varying(8310)",
                maxLength: 8310,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AlterColumn<string>(
                name: "Key",
                table: "PersonMatchKeys",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(40)",
                oldMaxLength: 40);

            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "Organisations",
                type: "character varying(301)",
                maxLength: 301,
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "Services");

            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "Organisations");

            migrationBuilder.AlterColumn<string>(
                name: "Key",
                table: "PersonMatchKeys",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(40)",
                oldMaxLength: 40,
                oldCollation: "C");
        }
    }
}
