package build

import (
	"errors"
	"path/filepath"
)

var errExchangeUnsupported = errors.New("RENAME_EXCHANGE wordt niet ondersteund")

func errBusy(parent, base string) error {
	return destErr(filepath.Join(parent, base), "een andere build schrijft naar deze map en is na lange tijd nog niet klaar; probeer het later opnieuw")
}
