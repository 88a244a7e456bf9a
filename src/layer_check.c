/* An empty program. meson.build links each layer's library whole into
 * one of these with only the layers below it, so that a call from a
 * layer to one above it fails to link (DESIGN.md, "Layers"). */
int main(void)
{
	return 0;
}
