; The staff editor's own Start-menu shortcut next to the kiosk's: the same program with --editor.
!macro customInstall
  CreateShortCut "$SMPROGRAMS\Vores Sted - redigér indhold.lnk" "$INSTDIR\vores-sted.exe" "--editor" "$INSTDIR\vores-sted.exe" 0
!macroend

!macro customUnInstall
  Delete "$SMPROGRAMS\Vores Sted - redigér indhold.lnk"
!macroend
