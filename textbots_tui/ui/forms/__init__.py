"""The launch and bot dialogs' forms: the values typed (parsed and checked without Textual), and the
:class:`~textbots_tui.ui.forms.modal.FormModal` both dialogs are built on."""
